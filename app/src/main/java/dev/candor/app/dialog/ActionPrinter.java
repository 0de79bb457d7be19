package dev.candor.app.dialog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.candor.dialog.AgentAction;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints agent actions for {@code candor chat}: as readable lines, or with {@code --json} one JSON
 * object per line: {@code say}, {@code handoff}, {@code end}, {@code dnc}, {@code callback},
 * {@code qualification}, {@code score}, {@code decision}.
 */
public final class ActionPrinter {
    private final PrintWriter out;
    private final boolean json;
    private final ObjectMapper mapper = new ObjectMapper();

    public ActionPrinter(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    public void print(AgentAction action) {
        Map<String, Object> fields = fields(action);
        if (json) {
            try {
                out.println(mapper.writeValueAsString(fields));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write " + action + " as JSON", e);
            }
        } else {
            out.println(plain(action));
        }
        out.flush();
    }

    /** The JSON fields of an action, "type" first. */
    static Map<String, Object> fields(AgentAction action) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (action instanceof AgentAction.Say say) {
            m.put("type", "say");
            m.put("text", say.text());
        } else if (action instanceof AgentAction.Handoff h) {
            m.put("type", "handoff");
            m.put("reason", h.reason().code());
            m.put("summary", h.summary());
        } else if (action instanceof AgentAction.EndCall e) {
            m.put("type", "end");
            m.put("reason", e.reason());
        } else if (action instanceof AgentAction.MarkDoNotCall d) {
            m.put("type", "dnc");
            m.put("reason", d.reason());
        } else if (action instanceof AgentAction.ScheduleCallback c) {
            m.put("type", "callback");
            m.put("when", c.when().toOffsetDateTime().toString());
            m.put("timeZone", c.when().getZone().getId());
            m.put("note", c.note());
        } else if (action instanceof AgentAction.RecordQualification q) {
            m.put("type", "qualification");
            m.put("slots", new LinkedHashMap<>(q.slots()));
        } else if (action instanceof AgentAction.RecordScore s) {
            m.put("type", "score");
            m.put("score", s.score());
            m.put("reasons", s.reasons());
        } else if (action instanceof AgentAction.Decision d) {
            m.put("type", "decision");
            m.put("kind", d.kind());
            m.put("reason", d.reason());
            m.put("details", d.details());
        }
        return m;
    }

    private static String plain(AgentAction action) {
        if (action instanceof AgentAction.Say say) {
            return "candor> " + say.text();
        }
        if (action instanceof AgentAction.Handoff h) {
            return "[handoff " + h.reason().code() + "] " + h.summary();
        }
        if (action instanceof AgentAction.EndCall e) {
            return "[end " + e.reason() + "]";
        }
        if (action instanceof AgentAction.MarkDoNotCall d) {
            return "[do-not-call] " + d.reason();
        }
        if (action instanceof AgentAction.ScheduleCallback c) {
            return "[callback " + c.when() + "] " + c.note();
        }
        if (action instanceof AgentAction.RecordQualification q) {
            return "[qualification] " + q.slots();
        }
        if (action instanceof AgentAction.RecordScore s) {
            return "[score " + s.score() + "] " + String.join("; ", s.reasons());
        }
        AgentAction.Decision d = (AgentAction.Decision) action;
        return "[decision " + d.kind() + "] " + d.reason() + ": " + d.details();
    }
}
