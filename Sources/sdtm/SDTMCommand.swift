print("sdtm")
