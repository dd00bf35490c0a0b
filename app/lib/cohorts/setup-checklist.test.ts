import { describe, expect, it } from 'vitest';
import { setupChecklist } from './setup-checklist';

const fresh = {
  platformName: 'Arte Ponte Mentoring',
  privacy: { noticeCompleted: false, imprintCompleted: false },
  mail: { smtpConfigured: false, sent: 0, failed: 0 }
};
const done = (facts: Parameters<typeof setupChecklist>[0]) =>
  Object.fromEntries(setupChecklist(facts).map((item) => [item.id, item.done]));

describe('setupChecklist', () => {
  it('on a fresh install, only the name (chosen at setup) is done', () => {
    expect(done(fresh)).toEqual({ name: true, notice: false, imprint: false, mail: false });
    const items = setupChecklist(fresh);
    expect(items.find((item) => item.id === 'name')?.detail).toContain('Arte Ponte Mentoring');
    expect(items.find((item) => item.id === 'notice')?.href).toBe('/admin/privacy');
    expect(items.find((item) => item.id === 'mail')?.detail).toContain('MOP_SMTP_URL');
  });

  it('counts mail as working only once a message left through a configured server', () => {
    expect(done({ ...fresh, mail: { smtpConfigured: true, sent: 0, failed: 2 } }).mail).toBe(false);
    expect(setupChecklist({ ...fresh, mail: { smtpConfigured: true, sent: 0, failed: 2 } })[3]?.detail).toContain('2');
    expect(done({ ...fresh, mail: { smtpConfigured: true, sent: 1, failed: 0 } }).mail).toBe(true);
  });

  it('follows the server flags for the notice and the imprint separately', () => {
    expect(done({ ...fresh, privacy: { noticeCompleted: true, imprintCompleted: false } })).toMatchObject({
      notice: true,
      imprint: false
    });
  });
});
