// Limits on sending invitations (each one emails a stranger): per inviting user and per
// client IP, in the shared rate-limit store. Keys are digests, never addresses in clear.
import { keyDigest } from "@/lib/rate-limit/key-digest";

const HOUR = 60 * 60;
export const INVITES_PER_USER = { limit: 50, windowSeconds: HOUR, blockSeconds: HOUR } as const;
export const INVITES_PER_IP = { limit: 100, windowSeconds: HOUR, blockSeconds: HOUR } as const;
/** Accepting: guessing tokens is hopeless (256 bits), but hammering the endpoint is still refused. */
export const ACCEPTS_PER_IP = { limit: 30, windowSeconds: 15 * 60, blockSeconds: 15 * 60 } as const;

export const inviteUserKey = (userId: string) => `invite:user:${keyDigest(userId)}`;
export const inviteIpKey = (ip: string) => `invite:ip:${keyDigest(ip)}`;
export const acceptIpKey = (ip: string) => `invite-accept:ip:${keyDigest(ip)}`;
