import { PERMISSIONS, ROLES } from "@creditdesk/core/identity";
import { z } from "zod";

export const USERS_TAG = "Identity: users and tokens";

export const userSchema = z
  .object({
    id: z.number().int(),
    login: z.string(),
    displayName: z.string(),
    role: z.enum(ROLES),
    team: z.string().nullable(),
    email: z.string().nullable(),
    status: z.enum(["active", "disabled"]),
    failedAttempts: z.number().int(),
    lockedUntil: z.string().nullable(),
    lastLoginAt: z.string().nullable(),
    approvalLimitMinor: z.number().int().nullable(),
    approvalLimitCurrency: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: "User" });

const currency = z.string().regex(/^[A-Z]{3}$/);

export const createUserBody = z
  .object({
    login: z.string().regex(/^[a-z0-9][a-z0-9._-]{1,63}$/),
    displayName: z.string().min(1).max(200).optional(),
    role: z.enum(ROLES),
    team: z.string().min(1).max(100).nullable().optional(),
    email: z.email().max(320).nullable().optional(),
    password: z.string().min(8).max(256).optional(),
    approvalLimitMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable().optional(),
    approvalLimitCurrency: currency.nullable().optional(),
  })
  .strict()
  .meta({ id: "UserCreate" });

export const updateUserBody = z
  .object({
    displayName: z.string().min(1).max(200).optional(),
    role: z.enum(ROLES).optional(),
    team: z.string().min(1).max(100).nullable().optional(),
    email: z.email().max(320).nullable().optional(),
    status: z.enum(["active", "disabled"]).optional(),
    password: z.string().min(8).max(256).optional(),
    unlock: z.boolean().optional(),
    approvalLimitMinor: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable().optional(),
    approvalLimitCurrency: currency.nullable().optional(),
  })
  .strict()
  .meta({ id: "UserUpdate" });

export const loginParams = z.object({ login: z.string().min(1).max(64) });

export const tokenSchema = z
  .object({
    id: z.number().int(),
    login: z.string(),
    name: z.string(),
    prefix: z.string(),
    scopes: z.array(z.string()),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "ApiToken" });

export const createTokenBody = z
  .object({
    name: z.string().min(1).max(100).optional(),
    scope: z.union([z.enum(["read", "write"]), z.array(z.enum(PERMISSIONS)).min(1)]),
    expiresAt: z.iso.datetime().optional(),
  })
  .strict()
  .meta({ id: "ApiTokenCreate" });
