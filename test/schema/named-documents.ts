/** Typed documents of the named-query tests (`npm run codegen` types them from schema.graphql). */
import { graphql } from '../gql/index.js';

export const PatientsByName = graphql(`
  query PatientsByName($siteId: ID!, $surname: String!, $firstname: String, $dob: Date, $limit: Int) {
    site(id: $siteId) {
      patientsByName(surname: $surname, firstname: $firstname, dob: $dob, limit: $limit) {
        patientId
        title
        firstname
        surname
        dob
        sex
        mobilePhone
        email
        medicareNo
        medicareLineNo
        ihi
      }
    }
  }
`);

export const PatientRecord = graphql(`
  query PatientRecord($siteId: ID!, $patientId: Int!) {
    site(id: $siteId) {
      patientRecord(patientId: $patientId) {
        patientId
        title
        firstname
        surname
        dob
        sex
        mobilePhone
        email
        medicareNo
        medicareLineNo
        ihi
      }
    }
  }
`);

export const Appointments = graphql(`
  query Appointments($siteId: ID!, $from: Date!, $to: Date!, $provider: String) {
    site(id: $siteId) {
      appointments(from: $from, to: $to, provider: $provider) {
        patientId
        patientName
        date
        startTime
        durationMinutes
        provider
        status
        type
        urgent
      }
    }
  }
`);

export const PatientAppointments = graphql(`
  query PatientAppointments($siteId: ID!, $patientId: Int!, $from: Date, $to: Date) {
    site(id: $siteId) {
      patientAppointments(patientId: $patientId, from: $from, to: $to) {
        patientId
        patientName
        date
        startTime
        durationMinutes
        provider
        status
        type
        urgent
      }
    }
  }
`);

export const AppointmentCounts = graphql(`
  query AppointmentCounts($siteId: ID!, $from: Date!, $to: Date!) {
    site(id: $siteId) {
      appointmentCounts(from: $from, to: $to) {
        date
        provider
        status
        count
      }
    }
  }
`);

export const Providers = graphql(`
  query Providers($siteId: ID!) {
    site(id: $siteId) {
      providers {
        userId
        title
        firstname
        surname
        providerNo
        location
      }
    }
  }
`);

export const Immunisations = graphql(`
  query Immunisations($siteId: ID!, $patientId: Int!) {
    site(id: $siteId) {
      immunisations(patientId: $patientId) {
        patientId
        givenDate
        vaccineName
        vaccineId
      }
    }
  }
`);

export const Conditions = graphql(`
  query Conditions($siteId: ID!, $patientId: Int!) {
    site(id: $siteId) {
      conditions(patientId: $patientId) {
        patientId
        year
        condition
        conditionId
        status
      }
    }
  }
`);

export const Visits = graphql(`
  query Visits($siteId: ID!, $patientId: Int!, $from: Date, $to: Date) {
    site(id: $siteId) {
      visits(patientId: $patientId, from: $from, to: $to) {
        patientId
        visitDate
        visitType
        providerId
        provider
      }
    }
  }
`);

export const Investigations = graphql(`
  query Investigations($siteId: ID!, $patientId: Int!) {
    site(id: $siteId) {
      investigations(patientId: $patientId) {
        patientId
        reportId
        testName
        collected
        reported
        checked
        actioned
        checkedBy
        notation
        action
        comment
      }
    }
  }
`);

export const CurrentMedications = graphql(`
  query CurrentMedications($siteId: ID!, $patientId: Int!) {
    site(id: $siteId) {
      currentMedications(patientId: $patientId) {
        patientId
        productId
        drugName
        longTerm
      }
    }
  }
`);

export const Observations = graphql(`
  query Observations($siteId: ID!, $patientId: Int!, $name: String) {
    site(id: $siteId) {
      observations(patientId: $patientId, name: $name) {
        patientId
        observedAt
        name
        code
        value
      }
    }
  }
`);

export const BilledServices = graphql(`
  query BilledServices($siteId: ID!, $patientId: Int!, $from: Date, $to: Date) {
    site(id: $siteId) {
      billedServices(patientId: $patientId, from: $from, to: $to) {
        patientId
        serviceDate
        mbsItem
        description
      }
    }
  }
`);

export const ActivePatients = graphql(`
  query ActivePatients($siteId: ID!) {
    site(id: $siteId) {
      activePatients {
        patientId
        title
        firstname
        surname
        dob
        sex
        mobilePhone
        email
        medicareNo
        medicareLineNo
        ihi
      }
    }
  }
`);

export const RawRows = graphql(`
  mutation RawRows($input: RunQueryInput!) {
    runImmediateQuery(input: $input) {
      status
      rows
      error {
        code
      }
    }
  }
`);

export const TwoAppointmentBooks = graphql(`
  query TwoAppointmentBooks($siteId: ID!, $from: Date!, $to: Date!, $other: Date!) {
    site(id: $siteId) {
      a: appointments(from: $from, to: $to) {
        patientId
      }
      b: appointments(from: $from, to: $to) {
        startTime
      }
      c: appointments(from: $other, to: $other) {
        patientId
      }
    }
  }
`);

export const FanOut = graphql(`
  query FanOut($ids: [ID!]!, $from: Date!, $to: Date!) {
    sitesByIds(ids: $ids) {
      id
      practiceName
      availability
      appointments(from: $from, to: $to) {
        patientId
        startTime
      }
    }
  }
`);
