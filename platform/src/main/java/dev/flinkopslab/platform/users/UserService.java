package dev.flinkopslab.platform.users;

import dev.flinkopslab.platform.PlatformProperties;
import dev.flinkopslab.platform.audit.AuditLog;
import dev.flinkopslab.platform.web.ApiException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Creating users, and the first admin at the first start. */
@Service
public class UserService {
    /** What the log line of a generated first password starts with; {@code lab platform start} looks for it. */
    public static final String GENERATED_PASSWORD_LINE = "first start: created user 'admin' (ADMIN in 'default') with the generated password ";
    public static final String FIRST_ADMIN = "admin";
    private static final Logger LOG = LoggerFactory.getLogger(UserService.class);
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final UserRepository users;
    private final AuditLog audit;
    private final PasswordEncoder encoder;
    private final PlatformProperties props;

    UserService(UserRepository users, AuditLog audit, PasswordEncoder encoder, PlatformProperties props) {
        this.users = users;
        this.audit = audit;
        this.encoder = encoder;
        this.props = props;
    }

    @Transactional
    public UserRepository.UserRecord create(String actor, String username, String password, Map<String, Role> roles) {
        if (users.findByUsername(username).isPresent()) {
            throw ApiException.conflict("user '" + username + "' exists already; choose another username");
        }
        for (String ns : roles.keySet()) {
            if (!users.namespaceExists(ns)) {
                throw ApiException.invalidField("roles", "no namespace '" + ns + "'");
            }
        }
        long id = users.insert(username, encoder.encode(password), Instant.now());
        roles.forEach((ns, role) -> users.bindRole(id, ns, role));
        audit.record(actor, "user.created", null, "user", username, "roles " + roles);
        roles.forEach((ns, role) -> audit.record(actor, "role.granted", ns, "user", username, role.name()));
        return users.record(id).orElseThrow();
    }

    /**
     * The first start: no user yet, so the admin is created, with the given password or a generated one. Runs
     * before the web server opens its port ({@link FirstAdmin}), so a health check that answers means it is done.
     */
    @Transactional
    public void createFirstAdmin() {
        if (users.count() > 0) {
            return;
        }
        String given = props.adminPassword();
        String password = given == null || given.isBlank() ? generatePassword() : given;
        create("platform", FIRST_ADMIN, password, Map.of(NamespaceAccess.DEFAULT_NAMESPACE, Role.ADMIN));
        if (given == null || given.isBlank()) {
            LOG.warn(GENERATED_PASSWORD_LINE + "{} (shown only this once; set LAB_PLATFORM_ADMIN_PASSWORD before the first start to choose it)", password);
        } else {
            LOG.info("first start: created user 'admin' (ADMIN in 'default') with the password from LAB_PLATFORM_ADMIN_PASSWORD");
        }
    }

    static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
