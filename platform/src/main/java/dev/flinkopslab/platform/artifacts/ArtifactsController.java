package dev.flinkopslab.platform.artifacts;

import dev.flinkopslab.platform.users.NamespaceAccess;
import dev.flinkopslab.platform.users.PlatformUser;
import dev.flinkopslab.platform.users.Role;
import dev.flinkopslab.platform.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** {@code /api/v1/namespaces/{ns}/artifacts}: JAR upload (multipart part {@code file}), list, get, delete, entry classes. */
@RestController
@RequestMapping("/api/v1/namespaces/{ns}/artifacts")
class ArtifactsController {
    private final ArtifactService service;
    private final ArtifactRepository artifacts;
    private final ArtifactStore store;
    private final NamespaceAccess access;

    ArtifactsController(ArtifactService service, ArtifactRepository artifacts, ArtifactStore store, NamespaceAccess access) {
        this.service = service;
        this.artifacts = artifacts;
        this.store = store;
        this.access = access;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Artifact upload(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @RequestPart("file") MultipartFile file) {
        access.require(user, ns, Role.EDITOR);
        if (file.isEmpty()) {
            throw ApiException.badRequest("the part 'file' is empty; send the JAR as -F file=@job.jar");
        }
        try (InputStream in = file.getInputStream()) {
            return service.upload(ns, user.username(), file.getOriginalFilename(), in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GetMapping
    List<Artifact> list(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns) {
        access.require(user, ns, Role.VIEWER);
        return artifacts.list(ns);
    }

    @GetMapping("/{id}")
    Artifact get(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable long id) {
        access.require(user, ns, Role.VIEWER);
        return service.get(ns, id);
    }

    @GetMapping("/{id}/entry-classes")
    EntryClasses.Result entryClasses(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable long id) {
        access.require(user, ns, Role.VIEWER);
        return EntryClasses.of(store.file(service.get(ns, id).sha256()));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable long id) {
        access.require(user, ns, Role.EDITOR);
        service.delete(ns, id, user.username());
    }
}
