package io.upshift.planner.pilot.web;

import io.upshift.planner.pilot.domain.MemberFile;
import io.upshift.planner.pilot.domain.PilotList;
import io.upshift.planner.pilot.jdbc.PilotListStore;
import io.upshift.planner.shared.domain.ConflictException;
import io.upshift.planner.shared.domain.InvalidInputException;
import io.upshift.planner.shared.domain.NotFoundException;
import io.upshift.planner.shared.domain.SalesforceIds;
import io.upshift.planner.shared.domain.UnprocessableException;
import io.upshift.planner.shared.domain.UnprocessableException.Reason;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Pilot lists of the inventory: {@code /api/v1/pilot-lists} (create, list, read, delete) and their members
 * ({@code /members}: add by JSON or CSV upload, add or remove one). Changes need ADMIN, as the inventory's do;
 * an upload with any bad line adds nothing and lists every problem with its line.
 */
@RestController
@RequestMapping("/api/v1/pilot-lists")
class PilotListController {

    private static final int MAX_PAGE = 1000;

    private final PilotListStore store;
    private final Clock clock;

    PilotListController(PilotListStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @PostMapping
    ResponseEntity<PilotList> create(@Valid @RequestBody CreateRequest request, Principal caller) {
        String problem = PilotList.nameProblem(request.name());
        if (problem != null) {
            throw new InvalidInputException("name", problem);
        }
        if (!store.create(UUID.randomUUID(), request.name(), request.description(), caller.getName(), clock.instant())) {
            throw new ConflictException("a pilot list named '" + request.name() + "' exists already", null);
        }
        PilotList list = found(request.name());
        return ResponseEntity.created(URI.create("/api/v1/pilot-lists/" + list.id())).body(list);
    }

    @GetMapping
    List<PilotList> list() {
        return store.list();
    }

    @GetMapping("/{name}")
    ListView read(@PathVariable String name, @RequestParam(required = false) String after,
            @RequestParam(defaultValue = "1000") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidInputException("limit", "must be from 1 to " + MAX_PAGE);
        }
        PilotList list = found(name);
        List<String> members = store.members(list.id(), after == null ? null : orgId("after", after), limit);
        return new ListView(list, members, members.size() == limit ? members.getLast() : null);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        if (!store.delete(name)) {
            throw new NotFoundException("pilot list", name);
        }
        return ResponseEntity.noContent().build();
    }

    /** Adds the orgs named in JSON; unknown or malformed ids add nothing (422 with each problem). */
    @PostMapping(path = "/{name}/members", consumes = "application/json")
    @Transactional
    MembersAdded addJson(@PathVariable String name, @Valid @RequestBody MembersRequest request) {
        PilotList list = found(name);
        List<Reason> problems = new ArrayList<>();
        Map<String, Integer> ids = new java.util.LinkedHashMap<>();
        for (int i = 0; i < request.orgIds().size(); i++) {
            String text = request.orgIds().get(i);
            try {
                ids.putIfAbsent(SalesforceIds.orgId(text), i);
            } catch (IllegalArgumentException e) {
                problems.add(Reason.of("orgIds[" + i + "]", SalesforceIds.problem(text, SalesforceIds.ORG_PREFIX,
                        "org id").orElse(e.getMessage())));
            }
        }
        store.unknown(ids.keySet()).forEach(id -> problems.add(Reason.of("orgIds[" + ids.get(id) + "]",
                id + " is not in the inventory")));
        return add(list, ids.keySet(), problems);
    }

    /** Adds the orgs of a CSV file (see {@link MemberFile}); a file with any bad line adds nothing. */
    @PostMapping(path = "/{name}/members", consumes = {"text/csv", "text/plain"})
    @Transactional
    MembersAdded addCsv(@PathVariable String name, InputStream body) throws IOException {
        PilotList list = found(name);
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(lines.isEmpty() && line.startsWith("\uFEFF") ? line.substring(1) : line);
                if (lines.size() > MemberFile.MAX_LINES + 1) {
                    break;
                }
            }
        }
        MemberFile.Parsed parsed = MemberFile.parse(lines);
        List<Reason> problems = new ArrayList<>(parsed.problems());
        store.unknown(parsed.orgIds().keySet()).forEach(id -> problems.add(new Reason("orgId",
                parsed.orgIds().get(id), id + " is not in the inventory")));
        return add(list, parsed.orgIds().keySet(), problems);
    }

    @PutMapping("/{name}/members/{orgId}")
    @Transactional
    MembersAdded addOne(@PathVariable String name, @PathVariable String orgId) {
        PilotList list = found(name);
        String id = orgId("orgId", orgId);
        if (!store.unknown(Set.of(id)).isEmpty()) {
            throw new NotFoundException("org", id);
        }
        return add(list, Set.of(id), List.of());
    }

    @DeleteMapping("/{name}/members/{orgId}")
    ResponseEntity<Void> removeOne(@PathVariable String name, @PathVariable String orgId) {
        PilotList list = found(name);
        if (!store.remove(list.id(), orgId("orgId", orgId), clock.instant())) {
            throw new NotFoundException("pilot list member", orgId);
        }
        return ResponseEntity.noContent().build();
    }

    private MembersAdded add(PilotList list, Set<String> ids, List<Reason> problems) {
        if (!problems.isEmpty()) {
            problems.sort(java.util.Comparator.comparing((Reason r) -> r.line() == null ? 0 : r.line()));
            throw new UnprocessableException(problems.size() + " problem(s): nothing was added to '" + list.name()
                    + "'", problems);
        }
        Instant now = clock.instant();
        int added = store.add(list.id(), ids, now);
        return new MembersAdded(list.name(), ids.size(), added, found(list.name()).members());
    }

    private PilotList found(String name) {
        return store.find(name).orElseThrow(() -> new NotFoundException("pilot list", name));
    }

    private static String orgId(String field, String text) {
        try {
            return SalesforceIds.orgId(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, SalesforceIds.problem(text, SalesforceIds.ORG_PREFIX, "org id")
                    .orElse(e.getMessage()));
        }
    }

    record CreateRequest(@NotNull @Size(max = PilotList.MAX_NAME) String name, @Size(max = 500) String description) {
    }

    record MembersRequest(@NotNull @Size(min = 1, max = MemberFile.MAX_LINES) List<@NotNull String> orgIds) {
    }

    /**
     * @param next the last org id of this page when there may be more (pass as {@code after}), else null
     */
    record ListView(PilotList list, List<String> members, String next) {
    }

    /**
     * @param named orgs the request named (each once)
     * @param added those that were not on the list yet
     * @param members the list's members now
     */
    record MembersAdded(String list, int named, int added, long members) {
    }
}
