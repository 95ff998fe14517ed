/** Guards the third-zone run: were its zone not applied, the suites it repeats would prove nothing. */
describe('the third-zone run', () => {
  it('runs this process, and tells the emulator to run the function, in a zone that is neither UTC nor China time', () => {
    const zone = process.env.EMULATOR_TZ;
    expect(zone).toBeDefined();
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(zone);
    expect([0, -480]).not.toContain(new Date('2026-11-29T01:00:00Z').getTimezoneOffset());
  });
});
