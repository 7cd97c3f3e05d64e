import { slugify } from "@/lib/slug";
import { z } from "@/lib/validations/zod";

export const BIO_MAX = 2000;
export const MAX_LINKS = 8;

/** Only web addresses: no javascript:, data: or other schemes that could run or smuggle code. */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && Boolean(url.hostname);
  } catch {
    return false;
  }
}

const link = z
  .object({
    label: z.string().trim().max(60, "At most 60 characters."),
    url: z.string().trim().max(500, "At most 500 characters.").refine(isWebUrl, "Enter a web address starting with https:// or http://."),
  })
  .transform((l) => ({ label: l.label || new URL(l.url).hostname.replace(/^www\./, ""), url: l.url }));

export const profileSchema = z.object({
  displayName: z.string().trim().min(1, "Enter the name readers will see.").max(120, "At most 120 characters."),
  // Accents and case are folded, so "Amélie Rousseau" becomes "amelie-rousseau".
  slug: z
    .string()
    .trim()
    .max(80, "At most 80 characters.")
    .transform((s) => slugify(s))
    .refine((s) => s.length > 0, "Enter a slug made of letters or digits."),
  jobTitle: z.string().trim().max(120, "At most 120 characters."),
  bio: z
    .string()
    .transform((s) => s.replace(/\r\n?/g, "\n").trim())
    .refine((s) => [...s].length <= BIO_MAX, `The bio is too long: at most ${BIO_MAX.toLocaleString("en")} characters.`),
  bioLanguage: z
    .string()
    .trim()
    .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, "Use a language code such as fr, en or pt-BR."),
  location: z.string().trim().max(120, "At most 120 characters."),
  links: z.array(link).max(MAX_LINKS, `At most ${MAX_LINKS} links.`),
});

export type ProfileInput = z.input<typeof profileSchema>;
export type ProfileData = z.output<typeof profileSchema>;

/** Reads the form: link rows arrive as links.N.label / links.N.url; empty rows are dropped. */
export function profileFromForm(form: FormData): ProfileInput {
  const text = (k: string) => String(form.get(k) ?? "");
  const links: { label: string; url: string }[] = [];
  for (let i = 0; i < MAX_LINKS + 4; i++) {
    const label = text(`links.${i}.label`);
    const url = text(`links.${i}.url`);
    if (label.trim() || url.trim()) links.push({ label, url });
  }
  return {
    displayName: text("displayName"),
    slug: text("slug"),
    jobTitle: text("jobTitle"),
    bio: text("bio"),
    bioLanguage: text("bioLanguage"),
    location: text("location"),
    links,
  };
}
