/** The signed-in employee as the verified session knows them. Identity comes only from here. */
export type SessionUser = {
  /** Airlock's stable user id (NameID of the assertions Airlock mints). */
  id: string;
  email: string;
  name?: string | null;
  /** Short login name, used as SourceIdentity. */
  username: string;
  groups: string[];
  /** When the IdP authenticated the user. */
  authenticatedAt?: Date;
};
