import { z } from "zod";
import { HOST_GROUP_PALETTE } from "./palette";

export { HOST_GROUP_PALETTE };

/** The palette the form offers; any other #RRGGBB colour may be typed. */

export const hostGroupColorSchema = z
  .string()
  .trim()
  .regex(/^#[0-9a-fA-F]{6}$/, "Use a colour like #3B82F6")
  .transform((value) => value.toUpperCase());

export const hostGroupInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Enter a name")
    .max(64, "At most 64 characters")
    .regex(/^[^\p{Cc}]+$/u, "No control characters"),
  description: z
    .string()
    .trim()
    .max(500, "At most 500 characters")
    .optional()
    .transform((value) => (value ? value : null)),
  color: hostGroupColorSchema,
});

export type HostGroupInput = z.input<typeof hostGroupInputSchema>;
