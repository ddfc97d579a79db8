package io.upshift.common.secrets;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks secrets in the actuator's {@code env} and {@code configprops} pages even if someone
 * exposes them and sets {@code show-values} to {@code always}: every value whose key looks like a
 * credential (password, secret, key, token, credentials, JAAS config, private key…), every URI with
 * a password in it, and every value that came from the secrets directory (the {@code configtree:}
 * import). Services expose neither page and keep {@code show-values: never}; this is the second lock.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public class SecretMaskingConfiguration {

    @Bean
    SanitizingFunction upshiftSecretMasking() {
        return SanitizingFunction.sanitizeValue()
                .ifLikelySensitive()
                .ifKeyContains("jaas", "private-key", "privatekey", "bootstrap-admin-key", "bootstrapadminkey", "sslkey",
                        "sslpassword")
                .ifMatches(SecretMaskingConfiguration::fromSecretsDirectory);
    }

    private static boolean fromSecretsDirectory(SanitizableData data) {
        return data.getPropertySource() != null && data.getPropertySource().getName().contains("configtree");
    }
}
