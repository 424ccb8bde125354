import SDTMModel

func makeDataset(_ spec: DomainSpec, _ records: [Record], perm: [Int]) -> Dataset {
    var ds = Dataset(spec: spec, records: records)
    ds.select(perm)
    return ds
}
func setValue(_ ds: inout Dataset, _ row: Int, _ col: Int, _ v: Value) { ds[row, col] = v }
