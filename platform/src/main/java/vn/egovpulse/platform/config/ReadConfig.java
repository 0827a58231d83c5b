package vn.egovpulse.platform.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** SPEC 2.3: read endpoints are public by default; a setting can require a viewer token. */
@ConfigMapping(prefix = "egov.read")
public interface ReadConfig {
    @WithDefault("false")
    boolean requireToken();
}
