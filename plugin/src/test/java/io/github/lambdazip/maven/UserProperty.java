package io.github.lambdazip.maven;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Properties;
import org.junit.jupiter.api.TestInfo;

/**
 * A {@code -Dname=value} on the command line of a harness test (public, as JUnit reads repeated annotations through
 * a proxy): the test's {@code @BeforeEach} passes these to
 * {@link Copy#into} before the Mojo is configured, so the parameter is set only through its property.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(UserProperty.All.class)
public @interface UserProperty {

    String name();

    String value();

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    public @interface All {
        UserProperty[] value();
    }

    final class Copy {

        private Copy() {}

        /** Puts the test method's user properties into the session's. */
        static void into(Properties userProperties, TestInfo test) {
            test.getTestMethod().ifPresent(method -> {
                for (UserProperty property : method.getAnnotationsByType(UserProperty.class)) {
                    userProperties.setProperty(property.name(), property.value());
                }
            });
        }
    }
}
