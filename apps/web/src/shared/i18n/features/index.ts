import * as applications from "../../../applications/messages.ts";
import * as collections from "../../../collections/messages.ts";
import * as customers from "../../../customers/messages.ts";
import * as dashboard from "../../../dashboard/messages.ts";
import * as insurance from "../../../insurance/messages.ts";
import * as models from "../../../models/messages.ts";
import * as portfolio from "../../../portfolio/messages.ts";
import * as reviews from "../../../reviews/messages.ts";
import * as settings from "../../../settings/messages.ts";
import * as shared from "../../messages.ts";

/**
 * Feature dictionaries: each capability's pages keep their messages beside them in
 * `<capability>/messages.ts`, exporting `{ zhCN, en }` where `en` is typed
 * `{ readonly [K in keyof typeof zhCN]: string }`. They are merged here into the one dictionary
 * per locale, so a missing English string is still a type error.
 */
export const featureZhCN = {
  ...applications.zhCN,
  ...collections.zhCN,
  ...customers.zhCN,
  ...dashboard.zhCN,
  ...insurance.zhCN,
  ...models.zhCN,
  ...portfolio.zhCN,
  ...reviews.zhCN,
  ...settings.zhCN,
  ...shared.zhCN,
} as const;
export const featureEn: { readonly [K in keyof typeof featureZhCN]: string } = {
  ...applications.en,
  ...collections.en,
  ...customers.en,
  ...dashboard.en,
  ...insurance.en,
  ...models.en,
  ...portfolio.en,
  ...reviews.en,
  ...settings.en,
  ...shared.en,
};
