package dev.flinkopslab.platform.page;

import dev.flinkopslab.platform.artifacts.Artifact;
import dev.flinkopslab.platform.artifacts.ArtifactRepository;
import dev.flinkopslab.platform.artifacts.ArtifactStore;
import dev.flinkopslab.platform.artifacts.EntryClasses;
import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentRequest;
import dev.flinkopslab.platform.deployments.DeploymentService;
import dev.flinkopslab.platform.deployments.DesiredState;
import dev.flinkopslab.platform.deployments.RestoreStrategy;
import dev.flinkopslab.platform.deployments.UpgradeStrategy;
import dev.flinkopslab.platform.users.PlatformUser;
import dev.flinkopslab.platform.users.Role;
import dev.flinkopslab.platform.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Create and edit a deployment. The form is checked as the API checks a request (Bean Validation, then the
 * validator against the artifact and the target), and each refusal is shown at its field. An edit first shows
 * what changes and what the platform will do (the API's dry-run plan); only the confirmation applies it.
 */
@Controller
@RequestMapping("/namespaces/{ns}/deployments")
class DeploymentFormPage {
    /** The API's field paths, as the form's fields. */
    private static final Map<String, String> FIELDS = Map.ofEntries(
            Map.entry("metadata.name", "name"), Map.entry("spec.state", "state"),
            Map.entry("spec.upgradeStrategy", "upgradeStrategy"), Map.entry("spec.restoreStrategy", "restoreStrategy"),
            Map.entry("spec.template.parallelism", "parallelism"), Map.entry("spec.template.artifactId", "artifactId"),
            Map.entry("spec.template.entryClass", "entryClass"), Map.entry("spec.template.programArgs", "programArgs"),
            Map.entry("spec.template.flinkConfiguration", "flinkConfiguration"),
            Map.entry("spec.template.resources.jobManager.cpu", "jobManagerCpu"),
            Map.entry("spec.template.resources.jobManager.memory", "jobManagerMemory"),
            Map.entry("spec.template.resources.taskManager.cpu", "taskManagerCpu"),
            Map.entry("spec.template.resources.taskManager.memory", "taskManagerMemory"));

    private final DeploymentService deployments;
    private final ArtifactRepository artifacts;
    private final ArtifactStore store;
    private final Validator validator;
    private final PageAccess access;

    DeploymentFormPage(DeploymentService deployments, ArtifactRepository artifacts, ArtifactStore store, Validator validator,
                       PageAccess access) {
        this.deployments = deployments;
        this.artifacts = artifacts;
        this.store = store;
        this.validator = validator;
        this.access = access;
    }

    @GetMapping("/new")
    String newForm(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns,
                   @RequestParam(required = false) Long artifactId, Model model) {
        PageUser me = access.require(user, ns, Role.EDITOR);
        List<Artifact> offered = artifacts.list(ns);
        Long chosen = artifactId != null ? artifactId : offered.stream().map(Artifact::id).max(Comparator.naturalOrder()).orElse(null);
        return form(me, DeploymentForm.defaults(chosen), null, Map.of(), model);
    }

    @PostMapping("/new")
    String create(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns,
                  @ModelAttribute("form") DeploymentForm form, BindingResult binding, Model model, RedirectAttributes flash,
                  HttpServletResponse response) {
        PageUser me = access.require(user, ns, Role.EDITOR);
        Map<String, String> errors = new LinkedHashMap<>();
        DeploymentRequest request = checked(form, binding, null, errors);
        if (request != null) {
            try {
                deployments.create(ns, user.username(), request, false);
                flash.addFlashAttribute("notice", "created deployment " + request.metadata().name());
                return "redirect:/namespaces/" + ns + "/deployments/" + request.metadata().name();
            } catch (ApiException e) {
                refused(e, errors);
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return form(me, form, null, errors, model);
    }

    @GetMapping("/{name}/edit")
    String editForm(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name, Model model) {
        PageUser me = access.require(user, ns, Role.EDITOR);
        Deployment current = deployments.get(ns, name);
        return form(me, DeploymentForm.of(current), current, Map.of(), model);
    }

    /** Without {@code confirmed}: the preview (what changes, what the upgrade does); with it: the replace. */
    @PostMapping("/{name}/edit")
    String edit(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name,
                @RequestParam(defaultValue = "false") boolean confirmed, @ModelAttribute("form") DeploymentForm form,
                BindingResult binding, Model model, RedirectAttributes flash, HttpServletResponse response) {
        PageUser me = access.require(user, ns, Role.EDITOR);
        Deployment current = deployments.get(ns, name);
        form.setName(name);
        Map<String, String> errors = new LinkedHashMap<>();
        DeploymentRequest request = checked(form, binding, current, errors);
        if (request != null) {
            try {
                DeploymentService.Applied applied = deployments.replace(ns, name, user.username(), request, !confirmed);
                if (confirmed) {
                    flash.addFlashAttribute("notice", "applied: " + applied.plan());
                    return "redirect:/namespaces/" + ns + "/deployments/" + name;
                }
                model.addAttribute("me", me);
                model.addAttribute("form", form);
                model.addAttribute("d", current);
                model.addAttribute("changes", DeploymentForm.changes(DeploymentForm.of(current), form));
                model.addAttribute("plan", applied.plan());
                return "deployment-preview";
            } catch (ApiException e) {
                refused(e, errors);
            }
        }
        response.setStatus(HttpStatus.BAD_REQUEST.value());
        return form(me, form, current, errors, model);
    }

    /** The request, or null with the errors by field ("" for one that is no field's). */
    private DeploymentRequest checked(DeploymentForm form, BindingResult binding, Deployment current, Map<String, String> errors) {
        binding.getFieldErrors().forEach(f -> errors.putIfAbsent(f.getField(), "'" + f.getRejectedValue() + "' is not a valid value"));
        if (!errors.isEmpty()) {
            return null;
        }
        DeploymentRequest request;
        try {
            request = form.toRequest(current);
        } catch (FormException e) {
            errors.put(e.field(), e.getMessage());
            return null;
        }
        for (ConstraintViolation<DeploymentRequest> v : validator.validate(request)) {
            errors.putIfAbsent(FIELDS.getOrDefault(v.getPropertyPath().toString(), ""), v.getMessage());
        }
        return errors.isEmpty() ? request : null;
    }

    private static void refused(ApiException e, Map<String, String> errors) {
        String field = e.field().map(FIELDS::get).orElse("");
        String message = e.getMessage();
        errors.put(field, field.isEmpty() ? message : message.replaceFirst("^invalid field '[^']*': ", ""));
    }

    private String form(PageUser me, DeploymentForm form, Deployment current, Map<String, String> errors, Model model) {
        List<Artifact> offered = artifacts.list(me.namespace());
        model.addAttribute("me", me);
        model.addAttribute("form", form);
        model.addAttribute("d", current);
        model.addAttribute("errors", errors);
        model.addAttribute("artifacts", offered);
        model.addAttribute("entryClasses", offered.stream().filter(a -> a.id() == (form.getArtifactId() == null ? -1 : form.getArtifactId()))
                .findFirst().map(a -> EntryClasses.of(store.file(a.sha256())).entryClasses()).orElse(List.of()));
        model.addAttribute("upgradeStrategies", UpgradeStrategy.values());
        model.addAttribute("states", DesiredState.values());
        model.addAttribute("restoreStrategies", RestoreStrategy.values());
        return "deployment-form";
    }
}
