package io.upshift.notifier.suppression.web;

import io.upshift.notifier.api.BadRequestException;
import io.upshift.notifier.api.NotFoundException;
import io.upshift.notifier.email.domain.EmailAddresses;
import io.upshift.notifier.suppression.domain.SuppressedAddress;
import io.upshift.notifier.suppression.domain.SuppressionList;
import io.upshift.notifier.suppression.domain.SuppressionReason;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The suppression list's admin API: addresses that bounced or unsubscribed are added here (by a
 * person, or by a bounce processor) and no email goes to them from then on, even one already queued.
 */
@RestController
@RequestMapping("/api/v1/suppressions")
class SuppressionController {

    private final SuppressionList suppressions;
    private final Clock clock;

    SuppressionController(SuppressionList suppressions, Clock clock) {
        this.suppressions = suppressions;
        this.clock = clock;
    }

    record SuppressionRequest(@NotNull SuppressionReason reason, @Size(max = 500) String note) {
    }

    record SuppressionView(String address, SuppressionReason reason, String note, Instant since) {

        static SuppressionView of(SuppressedAddress entry) {
            return new SuppressionView(entry.address(), entry.reason(), entry.note(), entry.since());
        }
    }

    record Page(long total, int offset, int limit, List<SuppressionView> items) {
    }

    @GetMapping
    Page list(@RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return new Page(suppressions.count(), offset, limit,
                suppressions.list(offset, limit).stream().map(SuppressionView::of).toList());
    }

    @GetMapping("/{address}")
    SuppressionView get(@PathVariable String address) {
        return suppressions.find(checked(address)).map(SuppressionView::of)
                .orElseThrow(() -> new NotFoundException(address + " is not on the suppression list"));
    }

    @PutMapping("/{address}")
    ResponseEntity<SuppressionView> put(@PathVariable String address, @Valid @RequestBody SuppressionRequest request) {
        SuppressedAddress entry = new SuppressedAddress(checked(address), request.reason(),
                request.note() == null || request.note().isBlank() ? null : request.note().strip(), clock.instant());
        boolean created = suppressions.add(entry);
        SuppressionView view = suppressions.find(entry.address()).map(SuppressionView::of).orElseThrow();
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(view);
    }

    @DeleteMapping("/{address}")
    ResponseEntity<Void> delete(@PathVariable String address) {
        if (!suppressions.remove(checked(address))) {
            throw new NotFoundException(address + " is not on the suppression list");
        }
        return ResponseEntity.noContent().build();
    }

    private static String checked(String address) {
        return EmailAddresses.normalize(address).map(EmailAddresses::suppressionKey)
                .orElseThrow(() -> new BadRequestException("'" + address.replaceAll("\\p{Cntrl}", "?")
                        + "' is not an email address"));
    }
}
