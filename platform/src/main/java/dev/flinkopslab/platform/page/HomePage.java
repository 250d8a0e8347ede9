package dev.flinkopslab.platform.page;

import dev.flinkopslab.platform.users.NamespaceAccess;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The login form, and the start page: the default namespace's deployments. */
@Controller
class HomePage {
    @GetMapping("/")
    String home() {
        return "redirect:/namespaces/" + NamespaceAccess.DEFAULT_NAMESPACE + "/deployments";
    }

    @GetMapping("/login")
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout, Model model) {
        model.addAttribute("failed", error != null);
        model.addAttribute("loggedOut", logout != null);
        return "login";
    }
}
