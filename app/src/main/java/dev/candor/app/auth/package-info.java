/**
 * Who may use the console and the API: roles, slow password hashes, sessions and API tokens.
 * Nothing here knows about HTTP; {@code dev.candor.app.http} applies it to requests.
 */
package dev.candor.app.auth;
