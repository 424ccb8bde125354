import SDTMModel
import Testing

/// Parses `text`, failing the test when it is not a valid SDTM date/time.
private func iso(_ text: String) throws -> ISODateTime {
    try #require(ISODateTime(iso: text), "\(text) should parse")
}

// MARK: - Parsing and printing

@Test(arguments: ["2025", "2025-03", "2025-03-14", "2025-03-14T09:30", "2025-03-14T09:30:15"])
func rightTruncatedFormsParseAndPrintUnchanged(text: String) throws {
    #expect(try iso(text).description == text)
}

@Test func yearAloneHasNoSmallerParts() throws {
    let d = try iso("2025")
    #expect(d.year == 2025)
    #expect(d.month == nil && d.day == nil && d.hour == nil && d.minute == nil && d.second == nil)
    #expect(!d.isCompleteDate)
    #expect(d.date == nil)
}

@Test func yearAndMonthLeaveTheDayUnknown() throws {
    let d = try iso("2025-03")
    #expect(d.year == 2025 && d.month == 3)
    #expect(d.day == nil)
    #expect(d.date == nil)
}

@Test func completeDateHasItsCalendarDate() throws {
    let d = try iso("2025-03-14")
    #expect(d.isCompleteDate)
    #expect(d.date == CivilDate(year: 2025, month: 3, day: 14))
    #expect(d.hour == nil)
}

@Test func dateTimeToTheMinuteKeepsHourAndMinute() throws {
    let d = try iso("2025-03-14T09:30")
    #expect(d.hour == 9 && d.minute == 30)
    #expect(d.second == nil)
}

@Test func dateTimeToTheSecondKeepsAllParts() throws {
    let d = try iso("2025-03-14T09:30:15")
    #expect([d.year, d.month, d.day, d.hour, d.minute, d.second] == [2025, 3, 14, 9, 30, 15])
}

@Test func memberwiseValuesPrintZeroPadded() throws {
    let d = try #require(ISODateTime(year: 987, month: 1, day: 5, hour: 7, minute: 3, second: 9))
    #expect(d.description == "0987-01-05T07:03:09")
}

// MARK: - Rejections

@Test func rejectsADayThatDoesNotExist() {
    #expect(ISODateTime(iso: "2025-02-30") == nil)
}

@Test func rejectsMonthThirteen() {
    #expect(ISODateTime(iso: "2025-13") == nil)
}

@Test func rejectsUnpaddedMonthAndDay() {
    #expect(ISODateTime(iso: "2025-3-1") == nil)
}

@Test func rejectsHourTwentyFive() {
    #expect(ISODateTime(iso: "2025-03-14T25:00") == nil)
}

@Test(arguments: ["", "25", "20250314", "2025-03-14 09:30", "2025-03-14T09:30Z", "2025-03-14T09:60", "2025-03-14T", "0000"])
func rejectsTextOutsideTheSDTMSubset(text: String) {
    #expect(ISODateTime(iso: text) == nil)
}

@Test func aPartAfterAMissingPartIsRejected() {
    #expect(ISODateTime(year: 2025, day: 14) == nil)
    #expect(ISODateTime(year: 2025, month: 3, hour: 9) == nil)
    #expect(ISODateTime(year: 2025, month: 3, day: 14, minute: 30) == nil)
    #expect(ISODateTime(year: 2025, month: 3, day: 14, hour: 9, second: 15) == nil)
}

@Test func addingATimeToAPartialDateFails() throws {
    #expect(try iso("2025-03").with(hour: 9, minute: 30) == nil)
    #expect(try iso("2025-03-14").with(hour: 9, minute: 30)?.description == "2025-03-14T09:30")
}

// MARK: - Leap years

@Test func february29thExistsIn2024() {
    #expect(ISODateTime(iso: "2024-02-29") != nil)
}

@Test func february29thDoesNotExistIn2025() {
    #expect(ISODateTime(iso: "2025-02-29") == nil)
}

@Test func year1900IsNotALeapYear() {
    #expect(ISODateTime(iso: "1900-02-29") == nil)
}

@Test func year2000IsALeapYear() {
    #expect(ISODateTime(iso: "2000-02-29") != nil)
}

// MARK: - Ordering

@Test func ordersByKnownPartsWithMissingPartsFirst() throws {
    let ordered = try ["2024-12-31", "2025", "2025-03", "2025-03-01", "2025-03-14", "2025-03-14T09:30",
                       "2025-03-14T09:30:15", "2025-03-14T10:00", "2025-03-15"].map(iso)
    #expect(ordered.shuffled().sorted() == ordered)
    for (a, b) in zip(ordered, ordered.dropFirst()) { #expect(a < b, "\(a) < \(b)") }
}

@Test func sortKeysOrderAsDatesDoAndDifferForDifferentDates() throws {
    let dates = try ["0001", "2024-12-31", "2025", "2025-03", "2025-03-01", "2025-03-14", "2025-03-14T00:00", "2025-03-14T09:30",
                     "2025-03-14T09:30:00", "2025-03-14T09:30:59", "2025-03-14T23:59:59", "2025-12-31", "9999-12-31T23:59:59"].map(iso)
    for a in dates {
        for b in dates {
            #expect((a.sortKey < b.sortKey) == (a < b), "\(a) < \(b)")
            #expect((a.sortKey == b.sortKey) == (a == b), "\(a) == \(b)")
        }
    }
}

// MARK: - Study day

@Test func studyDayOfTheReferenceDateIsOne() throws {
    #expect(try iso("2025-03-14").studyDay(from: iso("2025-03-14")) == 1)
}

@Test func studyDayOfTheDayBeforeIsMinusOneSoThereIsNoDayZero() throws {
    #expect(try iso("2025-03-13").studyDay(from: iso("2025-03-14")) == -1)
}

@Test func studyDayTenDaysLaterIsEleven() throws {
    #expect(try iso("2025-03-24").studyDay(from: iso("2025-03-14")) == 11)
}

@Test func studyDayIgnoresTheTimeOfDay() throws {
    #expect(try iso("2025-03-15T00:10").studyDay(from: iso("2025-03-14T23:50")) == 2)
}

@Test func studyDayCrossesYearEndsAndLeapDays() throws {
    #expect(try iso("2025-01-01").studyDay(from: iso("2024-02-28")) == 309)
}

@Test func studyDayOfAPartialDateIsNil() throws {
    #expect(try iso("2025-03").studyDay(from: iso("2025-03-14")) == nil)
    #expect(try iso("2025-03-14").studyDay(from: iso("2025")) == nil)
}
