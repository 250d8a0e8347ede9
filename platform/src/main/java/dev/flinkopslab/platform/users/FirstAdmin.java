package dev.flinkopslab.platform.users;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/** Creates the first admin once all beans exist (the schema migrated) and before the web server starts listening. */
@Component
class FirstAdmin implements SmartInitializingSingleton {
    private final UserService users;

    FirstAdmin(UserService users) {
        this.users = users;
    }

    @Override
    public void afterSingletonsInstantiated() {
        users.createFirstAdmin();
    }
}
