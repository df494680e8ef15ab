/**
 * Every server action and route against every role: the permission each declares to the guard (read from app/, so
 * a new or changed call shows up here) and whether each role is let through.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { roleAllows, ROLES, type Permission, type Role } from './roles';

/** What each endpoint needs. A change here is a change of who may do what: review it as such. */
const EXPECTED: Record<string, Permission | 'anyone' | 'public'> = {
  'action addReference': 'generate',
  'action getRecipes': 'view',
  'action putRecipe': 'curate',
  'action startBatch': 'generate',
  'action getBatches': 'view',
  'action getBatchDetail': 'view',
  'action pauseBatch': 'generate',
  'action resumeBatch': 'generate',
  'action cancelBatch': 'generate',
  'action retryFailedBatchItems': 'generate',
  'action addBatchToBoard': 'curate',
  'route app/api/batches/[id]/zip/route.ts': 'view',
  'action submitGeneration': 'generate',
  'action submitExpandedGeneration': 'generate',
  'action retryJob': 'generate',
  'action cancelJob': 'generate',
  'action referenceFromResult': 'generate',
  'action getDraft': 'view',
  'action putDraft': 'view',
  'action putDraftMask': 'generate',
  'action deleteGalleryResult': 'curate',
  'action undoDeleteGalleryResult': 'curate',
  'action getPresets': 'view',
  'action putPreset': 'curate',
  'action shareResult': 'share',
  'action updateShareLink': 'share',
  'action revokeShareLink': 'share',
  'action login': 'anyone',
  'action logout': 'anyone',
  'action createOwnerAccount': 'anyone',
  'action signInWithEmail': 'anyone',
  'action signInWithProvider': 'anyone',
  'action joinWorkspace': 'anyone',
  'action askForPasswordReset': 'anyone',
  'action setPasswordWithLink': 'anyone',
  'action createPasswordResetLink': 'admin',
  'action createInvitationLink': 'admin',
  'action revokeInvitationLink': 'admin',
  'action changeRole': 'admin',
  'action setPersonActive': 'admin',
  'action saveCostSettings': 'admin',
  'action setPersonBudget': 'admin',
  'action starResult': 'react',
  'action decideOnResult': 'curate',
  'action createBoard': 'curate',
  'action renameBoard': 'curate',
  'action deleteBoard': 'curate',
  'action addToBoard': 'curate',
  'action removeFromBoard': 'curate',
  'action shareBoard': 'share',
  'action revokeBoardShare': 'share',
  'action createReviewLink': 'share',
  'action closeReviewLink': 'share',
  'action reopenReviewLink': 'share',
  'action revokeReviewLink': 'share',
  'action setReviewLinkExpiry': 'share',
  'action replyToReviewComment': 'react',
  'action joinReview': 'anyone',
  'action decideInReview': 'anyone',
  'action commentInReview': 'anyone',
  'action createAccessToken': 'view',
  'action revokeAccessToken': 'view',
  'action registerWebhook': 'admin',
  'action resendWebhook': 'admin',
  'route app/api/gallery/choices/route.ts': 'view',
  'route app/api/jobs/route.ts': 'view',
  'route app/api/jobs/[id]/route.ts': 'view',
  'route app/api/jobs/[id]/results/[position]/lineage/route.ts': 'view',
  'route app/api/assets/[id]/route.ts': 'view',
  'route app/api/gallery/stamp/route.ts': 'view',
  'route app/api/sets/[id]/zip/route.ts': 'view',
  'route app/api/segment/route.ts': 'generate',
  'route app/api/health/route.ts': 'public',
  'route app/api/webhooks/toapis/route.ts': 'public',
  'route app/api/auth/[...all]/route.ts': 'public',
  'route app/s/b/[token]/image/[jobId]/[position]/route.ts': 'public',
  'route app/s/[token]/og/route.ts': 'public',
  'route app/s/[token]/image/[position]/route.ts': 'public',
  'route app/s/[token]/before/route.ts': 'public',
  'route app/api/reviews/marks/route.ts': 'view',
  'route app/api/reviews/[id]/route.ts': 'view',
  'route app/r/[token]/image/[jobId]/[position]/route.ts': 'public',
  'route app/r/[token]/before/[jobId]/route.ts': 'public',
  'route app/api/v1/openapi.json/route.ts': 'public',
  'route app/api/v1/references/route.ts': 'generate',
  'route app/api/v1/tasks/route.ts GET': 'view',
  'route app/api/v1/tasks/route.ts POST': 'generate',
  'route app/api/v1/tasks/[id]/route.ts': 'view',
  'route app/api/v1/tasks/[id]/results/[position]/download/route.ts': 'view',
  'route app/api/v1/reviews/[id]/decisions/route.ts': 'view',
  'route app/api/v1/recipes/route.ts': 'view',
  'route app/api/v1/batches/route.ts': 'generate',
  'route app/api/v1/batches/[id]/route.ts': 'view',
};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

/** Every guard call in app/, with what it declares. */
function declared(): Record<string, string> {
  const found: Record<string, string> = {};
  for (const file of filesUnder('app')) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/guardAction\(\s*'([^']+)',\s*'([^']+)'/g))
      found[`action ${match[1]}`] = match[2]!;
    // A file with several handlers (GET and POST) is listed once per method.
    const handlers = [
      ...text.matchAll(/export const (\w+) = guardRoute\([\s\S]*?\{ (need|access|token): '([^']+)' \},?\s*\)/g),
    ];
    for (const match of handlers)
      found[handlers.length > 1 ? `route ${file} ${match[1]}` : `route ${file}`] = match[3]!;
    const calls = (text.match(/guardAction\(|guardRoute\(/g) ?? []).length;
    const named = [...text.matchAll(/guardAction\(\s*'[^']+',\s*'[^']+'/g)].length;
    const routes = [...text.matchAll(/guardRoute\([\s\S]*?\{ (need|access|token): '[^']+' \},?\s*\)/g)].length;
    expect(calls, `${file}: every guard call names what it needs`).toBe(named + routes);
  }
  return found;
}

const EXPECTED_GRANTS: Record<Role, Permission[]> = {
  owner: ['view', 'react', 'generate', 'curate', 'share', 'admin'],
  admin: ['view', 'react', 'generate', 'curate', 'share', 'admin'],
  member: ['view', 'react', 'generate', 'curate', 'share'],
  viewer: ['view', 'react'],
};

describe('roles', () => {
  it('every action and route declares the permission this table expects', () => {
    expect(declared()).toEqual(EXPECTED);
  });

  for (const role of ROLES) {
    describe(role, () => {
      for (const [endpoint, need] of Object.entries(EXPECTED)) {
        const allowed = need === 'anyone' || need === 'public' || EXPECTED_GRANTS[role].includes(need);
        it(`${allowed ? 'may' : 'may not'} call ${endpoint}`, () => {
          expect(need === 'anyone' || need === 'public' ? true : roleAllows(role, need)).toBe(allowed);
        });
      }
    });
  }
});
