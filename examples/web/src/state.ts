import type { PracticeManagementSystem } from './gql/graphql.js';

export interface SelectedSite {
  id: string;
  practiceName: string | null;
  pmsType: PracticeManagementSystem;
}

type Listener = (site: SelectedSite | undefined) => void;

/** The site every section works on; sections subscribe to changes. */
export class SiteState {
  private current: SelectedSite | undefined;
  private readonly listeners = new Set<Listener>();

  get site(): SelectedSite | undefined {
    return this.current;
  }

  select(site: SelectedSite): void {
    this.current = site;
    for (const listener of this.listeners) listener(site);
  }

  onChange(listener: Listener): void {
    this.listeners.add(listener);
    listener(this.current);
  }
}

/** Example SQL per practice management system (each has its own schema). */
export const EXAMPLE_SQL: Record<PracticeManagementSystem, { immediate: string; async: string }> = {
  BEST_PRACTICE: {
    immediate: 'SELECT TOP 10 InternalID, Firstname, Surname, DOB FROM BPS_Patients ORDER BY InternalID',
    async: 'SELECT InternalID, Surname, Firstname, DOB, Postcode FROM BPS_Patients ORDER BY InternalID',
  },
  ZEDMED: {
    immediate:
      'SELECT PATIENT_ID, FIRST_NAME, SURNAME, DATE_OF_BIRTH FROM PATIENT ORDER BY PATIENT_ID FETCH FIRST 10 ROWS ONLY',
    async: 'SELECT PATIENT_ID, SURNAME, FIRST_NAME, DATE_OF_BIRTH FROM PATIENT ORDER BY PATIENT_ID',
  },
  D4W: {
    immediate: 'SELECT TOP 10 patient_id, first_name, surname, dob FROM patients ORDER BY patient_id',
    async: 'SELECT patient_id, surname, first_name, dob FROM patients ORDER BY patient_id',
  },
};
