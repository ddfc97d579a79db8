package io.upshift.security.apikey.web;

import io.upshift.security.access.domain.Role;
import io.upshift.security.apikey.ApiKeys;
import io.upshift.security.apikey.domain.ApiKey;
import io.upshift.security.web.ApiProblems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * API keys for scripts, managed by administrators: {@code /api/v1/api-keys}. The key itself is in
 * the answer to its creation and nowhere else, ever.
 */
@RestController
@RequestMapping("/api/v1/api-keys")
public class ApiKeyController {

    private final ApiKeys keys;

    public ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    /**
     * @param name what the key is for (letters, digits, dot, dash, underscore); the principal is {@code apikey:<name>}
     * @param roles what its holder may do
     * @param expiresAt when it stops working (optional)
     */
    record CreateRequest(
            @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,99}",
                    message = "must be 1–100 letters, digits, dots, dashes or underscores") String name,
            @NotEmpty Set<@NotNull Role> roles,
            Instant expiresAt) {
    }

    record KeyView(String id, String name, Set<Role> roles, ApiKey.State state, String createdBy, Instant createdAt,
            Instant expiresAt, Instant revokedAt, String revokedBy, Instant lastUsedAt) {
    }

    /** The one answer that carries the key: store it now, it cannot be shown again. */
    record CreatedView(String id, String name, Set<Role> roles, ApiKey.State state, String createdBy, Instant createdAt,
            Instant expiresAt, String key) {
    }

    @PostMapping
    ResponseEntity<CreatedView> create(@Valid @RequestBody CreateRequest request, Principal principal) {
        if (request.expiresAt() != null && !request.expiresAt().isAfter(keys.now())) {
            throw ApiProblems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                    "expiresAt: must lie in the future");
        }
        ApiKeys.Created created = keys.create(request.name(), request.roles(), request.expiresAt(), principal.getName());
        ApiKey key = created.key();
        return ResponseEntity.created(URI.create("/api/v1/api-keys/" + key.id()))
                .cacheControl(CacheControl.noStore())
                .body(new CreatedView(key.id(), key.name(), key.roles(), key.stateAt(keys.now()), key.createdBy(),
                        key.createdAt(), key.expiresAt(), created.value()));
    }

    @GetMapping
    List<KeyView> list(@RequestParam(defaultValue = "false") boolean includeRevoked,
            @RequestParam(defaultValue = "0") @Min(0) int offset,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return keys.list(includeRevoked, offset, limit).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    KeyView get(@PathVariable String id) {
        return keys.find(id).map(this::view).orElseThrow(() -> notFound(id));
    }

    /** Revokes the key at once; revoking a revoked key changes nothing. */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@PathVariable String id, Principal principal) {
        ApiKey key = keys.find(id).orElseThrow(() -> notFound(id));
        if (key.revokedAt() == null) {
            keys.revoke(id, principal.getName());
        }
        return ResponseEntity.noContent().build();
    }

    private KeyView view(ApiKey key) {
        return new KeyView(key.id(), key.name(), key.roles(), key.stateAt(keys.now()), key.createdBy(), key.createdAt(),
                key.expiresAt(), key.revokedAt(), key.revokedBy(), key.lastUsedAt());
    }

    private static RuntimeException notFound(String id) {
        return ApiProblems.of(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "there is no API key " + id.replaceAll("[^A-Za-z0-9._-]", "?"));
    }
}
