/**
 * Feature dictionaries: each capability's pages keep their messages beside them in
 * `<capability>/messages.ts`, exporting `{ zhCN, en }` where `en` is typed
 * `{ readonly [K in keyof typeof zhCN]: string }`. They are merged here into the one dictionary
 * per locale, so a missing English string is still a type error.
 */
export const featureZhCN = {} as const;
export const featureEn: { readonly [K in keyof typeof featureZhCN]: string } = {};
