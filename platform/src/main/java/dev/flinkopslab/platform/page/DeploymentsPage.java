package dev.flinkopslab.platform.page;

import dev.flinkopslab.platform.deployments.Deployment;
import dev.flinkopslab.platform.deployments.DeploymentHistory;
import dev.flinkopslab.platform.deployments.DeploymentRequest;
import dev.flinkopslab.platform.deployments.DeploymentService;
import dev.flinkopslab.platform.deployments.DesiredState;
import dev.flinkopslab.platform.deployments.Savepoint;
import dev.flinkopslab.platform.deployments.SavepointService;
import dev.flinkopslab.platform.users.PlatformUser;
import dev.flinkopslab.platform.users.Role;
import java.time.Instant;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The deployments list and one deployment (their live parts refreshed in place by the page's script): status, current job
 * with its Flink Web UI, events as a timeline, jobs, savepoints; and the actions suspend, resume, cancel, take a
 * savepoint, delete. Every action is a POST with the session's CSRF token; nothing changes on a GET.
 */
@Controller
@RequestMapping("/namespaces/{ns}/deployments")
class DeploymentsPage {
    private final DeploymentService deployments;
    private final DeploymentHistory history;
    private final SavepointService savepoints;
    private final PageAccess access;

    DeploymentsPage(DeploymentService deployments, DeploymentHistory history, SavepointService savepoints, PageAccess access) {
        this.deployments = deployments;
        this.history = history;
        this.savepoints = savepoints;
        this.access = access;
    }

    @GetMapping
    String list(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, Model model) {
        model.addAttribute("me", access.require(user, ns, Role.VIEWER));
        Instant now = Instant.now();
        model.addAttribute("rows", deployments.list(ns).stream().map(d -> DeploymentRow.of(d, history, now)).toList());
        return "deployments";
    }

    @GetMapping("/{name}")
    String deployment(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name, Model model) {
        model.addAttribute("me", access.require(user, ns, Role.VIEWER));
        detail(ns, name, model);
        return "deployment";
    }

    private void detail(String ns, String name, Model model) {
        Deployment d = deployments.get(ns, name);
        model.addAttribute("row", DeploymentRow.of(d, history, Instant.now()));
        model.addAttribute("d", d);
        model.addAttribute("jobs", history.jobs(d.id()));
        model.addAttribute("savepoints", history.savepoints(d.id()));
        model.addAttribute("events", history.events(d.id(), 200));
    }

    /** Suspend (stop with a savepoint), resume (RUNNING again) or cancel: the spec's desired state. */
    @PostMapping("/{name}/state")
    String state(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name,
                 @RequestParam DesiredState state, RedirectAttributes flash) {
        access.require(user, ns, Role.EDITOR);
        Deployment d = deployments.get(ns, name);
        deployments.replace(ns, name, user.username(), new DeploymentRequest(d.metadata(), d.spec().withState(state)), false);
        flash.addFlashAttribute("notice", "desired state of " + name + " is now " + state);
        return "redirect:/namespaces/" + ns + "/deployments/" + name;
    }

    @PostMapping("/{name}/savepoints")
    String savepoint(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name,
                     RedirectAttributes flash) {
        access.require(user, ns, Role.EDITOR);
        Savepoint sp = savepoints.request(ns, name, user.username());
        flash.addFlashAttribute("notice", "savepoint " + sp.id() + " requested; the job runs on");
        return "redirect:/namespaces/" + ns + "/deployments/" + name;
    }

    @PostMapping("/{name}/delete")
    String delete(@AuthenticationPrincipal PlatformUser user, @PathVariable String ns, @PathVariable String name,
                  RedirectAttributes flash) {
        access.require(user, ns, Role.EDITOR);
        deployments.delete(ns, name, user.username());
        flash.addFlashAttribute("notice", "deleted deployment " + name);
        return "redirect:/namespaces/" + ns + "/deployments";
    }
}
