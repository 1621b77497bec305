package dev.tokenmeter.query.access;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/keys}: a tenant's admin manages its own tenant's keys, the operator any tenant's
 * (the one it names, or every tenant when listing without naming one). Viewer and ingest keys get 403.
 * A key's secret appears only in the answer that created it.
 */
@RestController
@RequestMapping("/api/v1/keys")
class KeysController {

    private static final String PATH = "/api/v1/keys/";

    record Created(String id, String secret, String tenant, String role, String name, Instant createdAt) {
    }

    record Listed(String id, String tenant, String role, String name, Instant createdAt,
            @Nullable Instant revokedAt, @Nullable Instant lastUsedAt) {
    }

    record Page(List<Listed> items) {
    }

    private final ApiKeys keys;

    KeysController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    Mono<ResponseEntity<Created>> create(Caller caller, @RequestBody KeyRequest request) {
        caller.requireManager();
        String tenant = request.tenantFor(caller);
        Role role = request.keyRole();
        String name = request.keyName();
        return keys.create(tenant, role, name)
                .map(KeysController::created);
    }

    @GetMapping
    Mono<Page> list(Caller caller) {
        caller.requireManager();
        return keys.list(caller.tenant())
                .map(KeysController::listed)
                .collectList()
                .map(Page::new);
    }

    /** Revokes a key; idempotent. Another tenant's key is answered like a missing one, 404. */
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<ResponseEntity<Void>> revoke(Caller caller, @PathVariable String id) {
        caller.requireManager();
        return keys.revoke(id, caller.tenant())
                .filter(found -> found)
                .switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No key " + id)))
                .map(found -> ResponseEntity.noContent().build());
    }

    private static ResponseEntity<Created> created(ApiKeys.CreatedKey created) {
        ApiKeys.ApiKey key = created.key();
        return ResponseEntity.created(URI.create(PATH + key.id()))
                .body(new Created(key.id(), created.secret(), key.tenant(), key.role().code(), key.name(), key.createdAt()));
    }

    private static Listed listed(ApiKeys.ApiKey key) {
        return new Listed(key.id(), key.tenant(), key.role().code(), key.name(), key.createdAt(),
                key.revokedAt(), key.lastUsedAt());
    }
}
