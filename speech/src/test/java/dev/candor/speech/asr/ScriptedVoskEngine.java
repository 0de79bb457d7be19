package dev.candor.speech.asr;

import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Test-only {@link VoskEngine}: each {@code acceptWaveForm} takes the next scripted answer (a
 * partial JSON, or a final JSON that ends the utterance) and records the bytes it was given.
 */
final class ScriptedVoskEngine implements VoskEngine {

    private record Step(boolean ended, String json) {}

    private final Deque<Step> steps = new ArrayDeque<>();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private String current = "{\"partial\" : \"\"}";
    private String finalResult = "{\"text\" : \"\"}";
    private boolean closed;

    ScriptedVoskEngine partial(String text) {
        steps.add(new Step(false, "{\"partial\" : \"" + text + "\"}"));
        return this;
    }

    ScriptedVoskEngine result(String json) {
        steps.add(new Step(true, json));
        return this;
    }

    ScriptedVoskEngine finalResultOnFinish(String json) {
        finalResult = json;
        return this;
    }

    byte[] received() {
        return received.toByteArray();
    }

    boolean closed() {
        return closed;
    }

    @Override
    public boolean acceptWaveForm(byte[] data, int length) {
        received.write(data, 0, length);
        Step step = steps.isEmpty() ? new Step(false, "{\"partial\" : \"\"}") : steps.poll();
        current = step.json();
        return step.ended();
    }

    @Override
    public String result() {
        return current;
    }

    @Override
    public String partialResult() {
        return current;
    }

    @Override
    public String finalResult() {
        return finalResult;
    }

    @Override
    public void close() {
        closed = true;
    }
}
