import SDTMModel
import Testing

@Test func epochIsDayZero() throws {
    #expect(try #require(CivilDate(year: 1970, month: 1, day: 1)).daysSinceEpoch == 0)
    #expect(CivilDate(daysSinceEpoch: 0).description == "1970-01-01")
}

@Test func march1st2000IsDay11017() throws {
    #expect(try #require(CivilDate(year: 2000, month: 3, day: 1)).daysSinceEpoch == 11017)
    #expect(CivilDate(daysSinceEpoch: 11017) == CivilDate(year: 2000, month: 3, day: 1))
}

@Test func dayBeforeTheEpochIsMinusOne() throws {
    #expect(try #require(CivilDate(year: 1969, month: 12, day: 31)).daysSinceEpoch == -1)
}

@Test func daysSinceEpochRoundTripsAndStepsOneCalendarDayAtATime() throws {
    // 1899-12-31 ... 2101-01-01: covers 1900 (not leap), 2000 (leap) and 2100 (not leap).
    var previous = CivilDate(daysSinceEpoch: -25_568)
    #expect(previous.description == "1899-12-31")
    for days in -25_567...47_846 {
        let date = CivilDate(daysSinceEpoch: days)
        guard date.daysSinceEpoch == days else {
            Issue.record("day \(days) -> \(date) -> \(date.daysSinceEpoch)")
            return
        }
        let expected = previous.day < CivilDate.daysIn(month: previous.month, year: previous.year)
            ? (previous.year, previous.month, previous.day + 1)
            : previous.month < 12 ? (previous.year, previous.month + 1, 1) : (previous.year + 1, 1, 1)
        guard (date.year, date.month, date.day) == expected else {
            Issue.record("day \(days) is \(date), expected the day after \(previous)")
            return
        }
        previous = date
    }
    #expect(previous.description == "2100-12-31")
}

@Test func farDatesRoundTrip() throws {
    for (y, m, d) in [(1, 1, 1), (1582, 10, 15), (9999, 12, 31)] {
        let date = try #require(CivilDate(year: y, month: m, day: d))
        #expect(CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date)
    }
}

@Test func leapYearsFollowTheGregorianRule() {
    #expect(CivilDate.isLeap(2024))
    #expect(!CivilDate.isLeap(2025))
    #expect(!CivilDate.isLeap(1900))
    #expect(CivilDate.isLeap(2000))
}

@Test func february29thExistsOnlyInLeapYears() {
    #expect(CivilDate(year: 2024, month: 2, day: 29) != nil)
    #expect(CivilDate(year: 2025, month: 2, day: 29) == nil)
    #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
    #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
}

@Test func rejectsDaysAndMonthsOutOfRange() {
    #expect(CivilDate(year: 2025, month: 4, day: 31) == nil)
    #expect(CivilDate(year: 2025, month: 13, day: 1) == nil)
    #expect(CivilDate(year: 2025, month: 1, day: 0) == nil)
    #expect(CivilDate(year: 0, month: 1, day: 1) == nil)
}

@Test func addingDaysCrossesMonthAndYearEnds() throws {
    let d = try #require(CivilDate(year: 2024, month: 12, day: 31))
    #expect(d.adding(days: 1).description == "2025-01-01")
    #expect(d.adding(days: -306).description == "2024-02-29")
}

@Test func ordersByCalendarDay() throws {
    let a = try #require(CivilDate(year: 2024, month: 12, day: 31))
    let b = try #require(CivilDate(year: 2025, month: 1, day: 1))
    #expect(a < b)
    #expect(!(b < a))
}

@Test func descriptionIsZeroPaddedISO() throws {
    #expect(try #require(CivilDate(year: 987, month: 1, day: 5)).description == "0987-01-05")
}
