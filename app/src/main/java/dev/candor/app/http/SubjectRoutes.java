package dev.candor.app.http;

import dev.candor.app.auth.Principal;
import dev.candor.app.privacy.DataSubjects;
import dev.candor.app.storage.DataSubjectStore;
import io.javalin.http.Context;

/**
 * /api/subjects/{phone}: export and erasure of everything about one phone number (supervisors; both
 * audited with the number masked). Erasure is refused with 409 while a call of the number is live.
 */
final class SubjectRoutes {
    private final ConsoleServer.Dependencies deps;

    SubjectRoutes(ConsoleServer.Dependencies deps) {
        this.deps = deps;
    }

    private DataSubjects subjects() {
        return deps.subjects().orElseThrow(() -> new ApiError(503, "export and erasure are not available on this node"));
    }

    private static Principal principal(Context ctx) {
        return ctx.attribute(ApiRoutes.PRINCIPAL);
    }

    void export(Context ctx) {
        ctx.header("Cache-Control", "no-store").json(subjects().export(ctx.pathParam("phone"), principal(ctx).name()));
    }

    void erase(Context ctx) {
        DataSubjects.Erasure erasure;
        try {
            erasure = subjects().erase(ctx.pathParam("phone"), principal(ctx).name(),
                    ref -> deps.live().find(ref.id()).isPresent() || deps.sessions().find(ref.id()).isPresent());
        } catch (DataSubjectStore.CallsInProgress e) {
            throw new ApiError(409, "a call of this number is in progress (" + String.join(", ", e.callIds())
                    + "); erase it after the call ends");
        }
        ctx.json(erasure.json());
    }
}
