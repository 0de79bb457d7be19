/**
 * The web console and REST API on Javalin: login with sessions and CSRF tokens, API tokens, role
 * checks on every route, live calls pushed by server-sent events, call history. Handlers stay thin:
 * they authorise, then read or change {@code live}, {@code storage} and the agent directory.
 */
package dev.candor.app.http;
