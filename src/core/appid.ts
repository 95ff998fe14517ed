/**
 * The shape of a mini-program appid. Real ones are "wx" and 16 hexadecimal characters; letters beyond
 * hexadecimal are accepted too, so that a check meant to catch typos can never refuse a real appid.
 */
export const APPID_PATTERN = /^wx[0-9A-Za-z]{16}$/;

/** How the shape reads in an error message. */
export const APPID_SHAPE = '"wx" and 16 letters or digits';
