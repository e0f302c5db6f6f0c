/**
 * Line breaks and other control characters have no place in a one-line field
 * and could forge extra lines in previews and logs.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
