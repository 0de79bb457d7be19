/**
 * What is happening now: the live calls with their state and transcript, and a stream of events the
 * console pushes to browsers. Updated by call sessions, read by the HTTP layer.
 */
package dev.candor.app.live;
