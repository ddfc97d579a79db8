package io.upshift.notifier.config;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The notifier's settings, validated at start-up.
 *
 * @param from the sender of every email
 * @param publisherRecipients the ISV's release team, who receive wave and campaign reports
 * @param reminderBefore how long before an org's window the reminder goes out
 * @param maxAttempts SMTP attempts per email before it is marked FAILED
 */
@Validated
@ConfigurationProperties("upshift.notifier")
public record NotifierProperties(
        @DefaultValue("upgrades@upshift.local") @NotBlank @Email String from,
        @DefaultValue("release-team@upshift.local") List<@Email String> publisherRecipients,
        @DefaultValue("24h") @NotNull Duration reminderBefore,
        @DefaultValue("8") @Min(1) int maxAttempts) {
}
