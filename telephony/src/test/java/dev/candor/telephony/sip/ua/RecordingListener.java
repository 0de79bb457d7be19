package dev.candor.telephony.sip.ua;

import dev.candor.telephony.call.CallLeg;
import dev.candor.telephony.call.CallLegListener;
import dev.candor.telephony.call.EndReason;

import java.util.ArrayList;
import java.util.List;

/** Writes down every event but audio, in order, as short strings: {@code ringing}, {@code ended:BUSY}. */
final class RecordingListener implements CallLegListener {
    final List<String> events = new ArrayList<>();

    @Override
    public synchronized void onRinging(CallLeg leg) {
        events.add("ringing");
    }

    @Override
    public synchronized void onEstablished(CallLeg leg) {
        events.add("established");
    }

    @Override
    public synchronized void onDtmf(CallLeg leg, char digit) {
        events.add("dtmf:" + digit);
    }

    @Override
    public synchronized void onEnded(CallLeg leg, EndReason reason) {
        events.add("ended:" + reason);
    }

    synchronized List<String> events() {
        return List.copyOf(events);
    }
}
