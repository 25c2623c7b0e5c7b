package dev.mooring.secrets;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code --reencrypt-secrets}: re-seals every stored secret under the active key-encryption key, then exits.
 * Rotate a key by adding the new one, making it active, running this once, then removing the old one
 * (docs/operations.md).
 */
@Component
class ReencryptSecretsCommand implements ApplicationRunner {

    static final String OPTION = "reencrypt-secrets";
    private static final Logger log = LoggerFactory.getLogger(ReencryptSecretsCommand.class);

    private final List<SealedSecrets> stores;
    private final SecretBox box;
    private final ConfigurableApplicationContext context;

    ReencryptSecretsCommand(List<SealedSecrets> stores, SecretBox box, ConfigurableApplicationContext context) {
        this.stores = stores;
        this.box = box;
        this.context = context;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!args.containsOption(OPTION)) {
            return;
        }
        int total = reencryptAll();
        log.info("Re-encrypted {} secret(s) under key '{}'; exiting", total, box.activeKeyId());
        System.exit(SpringApplication.exit(context, () -> 0));
    }

    int reencryptAll() {
        int total = 0;
        for (SealedSecrets store : stores) {
            int count = store.reencrypt(box);
            log.info("Re-encrypted {} {} under key '{}'", count, store.kind(), box.activeKeyId());
            total += count;
        }
        return total;
    }
}
