import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiPaths } from '@mop/shared';
import { startTestServer, type TestServer } from '../test-support/harness.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ demo: false });
});
afterAll(() => server.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Every builder of `apiPaths` with the method the app uses it with (ids that exist or not: only routing counts). */
const calls: Record<keyof typeof apiPaths, [Method, string]> = {
  health: ['GET', apiPaths.health()],
  login: ['POST', apiPaths.login()],
  logout: ['POST', apiPaths.logout()],
  me: ['GET', apiPaths.me()],
  mentorships: ['GET', apiPaths.mentorships()],
  catalogue: ['GET', apiPaths.catalogue()],
  programmes: ['GET', apiPaths.programmes()],
  participants: ['GET', apiPaths.participants('p 1')],
  matchingSettings: ['PUT', apiPaths.matchingSettings('p 1')],
  matchingRuns: ['POST', apiPaths.matchingRuns('p 1')],
  matchingRun: ['GET', apiPaths.matchingRun('p 1', 'r/1')],
  publishMatchingRun: ['POST', apiPaths.publishMatchingRun('p 1', 'r/1')],
  availableMentors: ['GET', apiPaths.availableMentors('p 1')],
  programmeMentors: ['GET', apiPaths.programmeMentors('p 1')],
  programmeMatchRequests: ['POST', apiPaths.programmeMatchRequests('p 1')],
  matchRequests: ['GET', apiPaths.matchRequests()],
  acceptMatchRequest: ['POST', apiPaths.acceptMatchRequest('q?1')],
  declineMatchRequest: ['POST', apiPaths.declineMatchRequest('q?1')],
  programmeProgress: ['GET', apiPaths.programmeProgress('p 1')],
  topics: ['GET', apiPaths.topics('p 1')],
  topic: ['GET', apiPaths.topic('p 1', 't/1')],
  topicReplies: ['POST', apiPaths.topicReplies('p 1', 't/1')],
  hidePost: ['POST', apiPaths.hidePost('p 1', 't/1', 'x#1')],
  reportPost: ['POST', apiPaths.reportPost('p 1', 't/1', 'x#1')],
  pairFileUpload: ['POST', apiPaths.pairFileUpload('m 1', 'notes & plans.pdf')],
  pairFile: ['GET', apiPaths.pairFile('m 1', 'f/1')],
  sessionIcs: ['GET', apiPaths.sessionIcs('m 1', 's/1')],
  calendarToken: ['DELETE', apiPaths.calendarToken()],
  calendarFeed: ['GET', apiPaths.calendarFeed('token')],
  resources: ['POST', apiPaths.resources()],
  resource: ['GET', apiPaths.resource('r-1')],
  retireResource: ['POST', apiPaths.retireResource('r-1')],
  resourceFile: ['GET', apiPaths.resourceFile('r-1', 'a b.pdf')],
  resourceFileUpload: ['POST', apiPaths.resourceFileUpload('r-1', 'a b.pdf')],
  collections: ['GET', apiPaths.collections()],
  collection: ['PATCH', apiPaths.collection('c-1')],
  collectionOrder: ['PUT', apiPaths.collectionOrder()],
  retireCollection: ['POST', apiPaths.retireCollection('c-1')],
  restoreCollection: ['POST', apiPaths.restoreCollection('c-1')],
  starterLibrary: ['GET', apiPaths.starterLibrary()],
  installStarterLibrary: ['POST', apiPaths.installStarterLibrary()],
  removeStarterLibrary: ['POST', apiPaths.removeStarterLibrary()],
  packs: ['GET', apiPaths.packs()],
  pack: ['GET', apiPaths.pack('k-1')],
  publishPack: ['POST', apiPaths.publishPack('k-1')],
  packZip: ['GET', apiPaths.packZip('k-1')],
  moduleCertificates: ['POST', apiPaths.moduleCertificates('m-1')],
  certificate: ['GET', apiPaths.certificate('ABCD-EFGH-JKLM')],
  accountExport: ['GET', apiPaths.accountExport()],
  accountDeletion: ['POST', apiPaths.accountDeletion()],
  accountAccessLog: ['GET', apiPaths.accountAccessLog()],
  notificationPreferences: ['PUT', apiPaths.notificationPreferences()],
  unsubscribe: ['POST', apiPaths.unsubscribe()],
  adminUserExport: ['GET', apiPaths.adminUserExport('u-1')],
  adminUserErasure: ['POST', apiPaths.adminUserErasure('u-1')],
  adminAccessLog: ['GET', apiPaths.adminAccessLog()],
  platformSettings: ['PUT', apiPaths.platformSettings()],
  privacyNotice: ['GET', apiPaths.privacyNotice()],
  privacySettings: ['GET', apiPaths.privacySettings()],
  programmeRetention: ['PUT', apiPaths.programmeRetention('p-1')],
  privacyAcknowledgement: ['POST', apiPaths.privacyAcknowledgement()],
  pairRecordErasure: ['POST', apiPaths.pairRecordErasure('demo-pair-1')],
  endMentorship: ['POST', apiPaths.endMentorship('m 1')],
  unpublishMentorship: ['POST', apiPaths.unpublishMentorship('m 1')],
  mentorshipWithdrawn: ['GET', apiPaths.mentorshipWithdrawn('m 1')],
  mentorshipFeedback: ['PUT', apiPaths.mentorshipFeedback('m 1')],
  feedbackQuestions: ['PUT', apiPaths.feedbackQuestions('p 1')],
  programmeFeedback: ['GET', apiPaths.programmeFeedback('p 1')],
  programmeReport: ['GET', apiPaths.programmeReport('p 1')],
  programmeReportExport: ['GET', apiPaths.programmeReportExport('p 1', 'xlsx')],
  reports: ['GET', apiPaths.reports()],
  post: ['DELETE', apiPaths.post('p-1', 't-1', 'x-1')],
  learningState: ['POST', apiPaths.learningState()],
  learningProgress: ['DELETE', apiPaths.learningProgress('m-1')]
};

describe('apiPaths', () => {
  it.each(Object.entries(calls))('%s reaches a mounted route', async (_name, [method, path]) => {
    const response = await fetch(`${server.url}${path}`, { method });
    const text = await response.text();
    expect(response.status, text).toBeLessThan(500);
    expect(text).not.toContain('No API route');
  });

  it('encodes every segment, so an id cannot reach another route', () => {
    expect(apiPaths.pairFile('m 1', '../x')).toBe('/api/mentorships/m%201/files/..%2Fx');
    expect(apiPaths.resourceFileUpload('r', 'a&b.pdf')).toBe('/api/resources/r/files?name=a%26b.pdf');
  });
});
