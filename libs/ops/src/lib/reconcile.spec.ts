import { feedIdOf } from '@cde/feed-engine';
import { receiverDiff, type StateDelivery } from './reconcile';

const id = (websiteId: string) => feedIdOf('scopesWebsite', ['websiteId'], { websiteId });
const row = (websiteId: string, over: Partial<StateDelivery> = {}): StateDelivery => ({
  feedId: id(websiteId),
  isDeleted: false,
  status: 200,
  ...over,
});
const held = (websiteId: string, deleted = false) => ({
  websiteId,
  websiteCode: `w${websiteId}`,
  name: 'x',
  deleted,
});

describe(receiverDiff.name, () => {
  it('agrees when the receiver holds what the state delivered, deletes included', () => {
    const diff = receiverDiff(
      'scopesWebsite',
      [row('1'), row('2', { isDeleted: true })],
      [held('1'), held('2', true)],
    );
    expect(diff).toMatchObject({
      checked: 2,
      missing: 0,
      undeleted: 0,
      unknown: 0,
      request: { resend: [], unknown: [] },
    });
  });

  it('resends what was delivered but is missing or deleted at the receiver', () => {
    const diff = receiverDiff('scopesWebsite', [row('1'), row('2')], [held('2', true)]);
    expect(diff.missing).toBe(2);
    expect(diff.request.resend).toEqual([id('1'), id('2')]);
  });

  it('resends a delete the receiver did not apply', () => {
    const diff = receiverDiff('scopesWebsite', [row('3', { isDeleted: true })], [held('3')]);
    expect(diff).toMatchObject({ undeleted: 1, request: { resend: [id('3')] } });
  });

  it('leaves items on their way, retrying or rejected to the delivery path', () => {
    const diff = receiverDiff(
      'scopesWebsite',
      [row('1', { status: 0 }), row('2', { status: 2 }), row('3', { status: 400 })],
      [],
    );
    expect(diff).toMatchObject({ checked: 3, missing: 0, request: { resend: [], unknown: [] } });
  });

  it('hands over live items only the receiver holds, with their minimal payload; ignores its deletes', () => {
    const diff = receiverDiff('scopesWebsite', [], [held('9'), held('8', true), { websiteCode: 'none' }]);
    expect(diff).toMatchObject({ checked: 2, unknown: 1, unidentified: 1 });
    expect(diff.request.unknown).toEqual([{ feedId: id('9'), item: { websiteId: '9', websiteCode: 'w9' } }]);
  });
});
