package vn.egovpulse.ingest.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import vn.egovpulse.events.EventValidator;
import vn.egovpulse.platform.units.UnitRegistry;

import java.time.Clock;

/** The clock (for the "not more than 1 day ahead" rule) and the validator built on the unit registry. */
public class ValidationBeans {
    @Produces
    @ApplicationScoped
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @ApplicationScoped
    EventValidator validator(UnitRegistry registry, Clock clock) {
        return new EventValidator(registry::contains, clock);
    }
}
