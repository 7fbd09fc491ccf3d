export { DEFAULT_SPA_ROUTES, prefersHtml, type RegisterWebOptions, registerWeb } from "./register-web.ts";
