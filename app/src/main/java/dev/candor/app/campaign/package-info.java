/**
 * Outbound campaigns and callbacks: {@link dev.candor.app.campaign.CampaignDialer} ticks on its own
 * scheduler thread, claims due leads and callbacks atomically in SQL (so nodes sharing a database never
 * dial the same person), skips do-not-call numbers and leads outside their {@link
 * dev.candor.app.campaign.CallingHours}, and places calls through {@link
 * dev.candor.app.campaign.OutboundCalls}; {@link dev.candor.app.campaign.SipOutboundCalls} runs each
 * answered call as a {@link dev.candor.app.call.CallSession}, exactly as inbound calls run. No thread per
 * call; nothing here runs on a Netty event loop.
 */
package dev.candor.app.campaign;
