/** Who invoked the function, as the cloud (not the event) says. */
export interface Caller {
  openId?: string | undefined;
  /** The cloud's SOURCE: comma-separated when chained, origin first. */
  source?: string | undefined;
  /** The mini-program the call comes from. */
  appId?: string | undefined;
  /** Set by the cloud only for a cross-account call (resource sharing): the calling app and its user. */
  fromAppId?: string | undefined;
  fromOpenId?: string | undefined;
}
