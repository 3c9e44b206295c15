/** Shared by the server layout (reads it) and the client provider (writes it), so it is not a client module. */
export const SIDEBAR_COOKIE = "sidebar_state";
export const SIDEBAR_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;
