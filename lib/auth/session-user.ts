/** The signed-in employee as the verified session knows them. Identity comes only from here. */
export type SessionUser = {
  /** Airlock's stable user id (NameID of the assertions Airlock mints). */
  id: string;
  email: string;
  name?: string | null;
  /** Short login name, used as SourceIdentity. */
  username: string;
  groups: string[];
  /** When the person signed in to Airlock (the session's start). */
  authenticatedAt?: Date;
  /** When the person last authenticated at the IdP, as it said; null when it did not (step-up reads it). */
  idpAuthenticatedAt?: Date | null;
};
