export interface DepConstraint {
  sourceTag: string;
  onlyDependOnLibsWithTags: string[];
}
export const FEED_DOMAINS: string[];
export const depConstraints: DepConstraint[];
export const specDepConstraints: DepConstraint[];
