package vn.egovpulse.scoring.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** SPEC 2.3: read endpoints are public by default; a setting can require a viewer token. */
@ConfigMapping(prefix = "egov.read")
public interface ReadConfig {
    /** Same setting as reporting-service's, so one variable closes every read endpoint. */
    @WithDefault("false")
    boolean requireToken();
}
