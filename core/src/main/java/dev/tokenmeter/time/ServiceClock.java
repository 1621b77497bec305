package dev.tokenmeter.time;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The clock of both services, {@code @Import}ed by their applications: the system clock in UTC, as a bean so that
 * every time-dependent part takes it by injection and a test can give them another.
 */
@Configuration(proxyBeanMethods = false)
public class ServiceClock {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
