/**
 * One {@link dev.candor.app.call.CallSession} per call: it joins a telephony leg to the conversation,
 * the synthesiser and the handoff, and writes the call, its turns and its decisions as they happen.
 */
package dev.candor.app.call;
