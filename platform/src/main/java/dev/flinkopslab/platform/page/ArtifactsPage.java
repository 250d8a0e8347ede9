package dev.flinkopslab.platform.page;

import dev.flinkopslab.platform.artifacts.Artifact;
import dev.flinkopslab.platform.artifacts.ArtifactRepository;
import dev.flinkopslab.platform.artifacts.ArtifactService;
import dev.flinkopslab.platform.artifacts.ArtifactUsage;
import dev.flinkopslab.platform.users.PlatformUser;
import dev.flinkopslab.platform.users.Role;
import dev.flinkopslab.platform.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The JARs tab: upload, the list with who uploaded what and which deployments use it, delete where none does. */
@Controller
@RequestMapping("/namespaces/{ns}/artifacts")
class ArtifactsPage {
    private final ArtifactService service;
    private final ArtifactRepository artifacts;
    private final ArtifactUsage usage;
    private final PageAccess access;

    ArtifactsPage(ArtifactService service, ArtifactRepository artifacts, ArtifactUsage usage, PageAccess access) {
        this.service = service;
        this.artifacts = artifacts;
        this.usage = usage;
        this.access = access;
    }

    /** One row of the list. */
    record Row(Artifact artifact, List<String> usedBy) {}

    @GetMapping
    String list(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, Model model) {
        model.addAttribute("me", access.require(user, ns, Role.VIEWER));
        model.addAttribute("rows", artifacts.list(ns).stream().map(a -> new Row(a, usage.deploymentsUsing(a))).toList());
        return "artifacts";
    }

    /** The form's post without JavaScript (the page's script uploads to the API, showing progress). */
    @PostMapping
    String upload(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns,
                  @RequestParam("file") MultipartFile file, RedirectAttributes flash) {
        access.require(user, ns, Role.EDITOR);
        if (file.isEmpty()) {
            throw ApiException.badRequest("no JAR chosen, or the file is empty: choose the job's JAR file, then upload");
        }
        try (InputStream in = file.getInputStream()) {
            Artifact a = service.upload(ns, user.username(), file.getOriginalFilename(), in);
            flash.addFlashAttribute("notice", "uploaded " + a.fileName() + " as artifact " + a.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "redirect:/namespaces/" + ns + "/artifacts";
    }

    @PostMapping("/{id}/delete")
    String delete(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable long id,
                  RedirectAttributes flash) {
        access.require(user, ns, Role.EDITOR);
        Artifact a = service.get(ns, id);
        service.delete(ns, id, user.username());
        flash.addFlashAttribute("notice", "deleted artifact " + id + " (" + a.fileName() + ")");
        return "redirect:/namespaces/" + ns + "/artifacts";
    }
}
