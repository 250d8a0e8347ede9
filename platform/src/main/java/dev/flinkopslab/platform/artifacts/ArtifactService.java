package dev.flinkopslab.platform.artifacts;

import dev.flinkopslab.platform.audit.AuditLog;
import dev.flinkopslab.platform.web.ApiException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Upload and delete, each with its audit event; the file and the row go together or not at all. */
@Service
public class ArtifactService {
    private final ArtifactRepository artifacts;
    private final ArtifactStore store;
    private final ArtifactUsage usage;
    private final AuditLog audit;
    private final TransactionTemplate tx;

    public ArtifactService(ArtifactRepository artifacts, ArtifactStore store, ArtifactUsage usage, AuditLog audit,
                           TransactionTemplate tx) {
        this.artifacts = artifacts;
        this.store = store;
        this.usage = usage;
        this.audit = audit;
        this.tx = tx;
    }

    public Artifact upload(String namespace, String user, String clientFileName, InputStream content) {
        ArtifactStore.Stored stored = store.store(content);
        String name = ArtifactStore.safeFileName(clientFileName);
        try {
            return tx.execute(s -> {
                Artifact a = artifacts.insert(namespace, name, stored.size(), stored.sha256(), user, Instant.now());
                audit.record(user, "artifact.uploaded", namespace, "artifact", Long.toString(a.id()),
                        a.fileName() + " sha256 " + a.sha256() + ", " + a.sizeBytes() + " bytes");
                return a;
            });
        } catch (RuntimeException e) {
            if (artifacts.countWithSha256(stored.sha256()) == 0) {
                store.delete(stored.sha256());
            }
            throw e;
        }
    }

    public Artifact get(String namespace, long id) {
        return artifacts.find(namespace, id).orElseThrow(() -> ApiException.notFound(
                "no artifact " + id + " in namespace '" + namespace + "'; GET /api/v1/namespaces/" + namespace + "/artifacts lists them"));
    }

    public void delete(String namespace, long id, String user) {
        Artifact a = get(namespace, id);
        List<String> users = usage.deploymentsUsing(a);
        if (!users.isEmpty()) {
            throw ApiException.conflict("artifact " + id + " is used by deployment(s) " + String.join(", ", users)
                    + "; point them at another artifact or delete them first");
        }
        tx.executeWithoutResult(s -> {
            artifacts.delete(namespace, id);
            audit.record(user, "artifact.deleted", namespace, "artifact", Long.toString(id), a.fileName() + " sha256 " + a.sha256());
        });
        if (artifacts.countWithSha256(a.sha256()) == 0) {
            store.delete(a.sha256());
        }
    }
}
