print("compiled; this line must not run")
for i0 in []:
    for i1 in []:
        for i2 in []:
            for i3 in []:
                for i4 in []:
                    for i5 in []:
                        for i6 in []:
                            for i7 in []:
                                for i8 in []:
                                    for i9 in []:
                                        for i10 in []:
                                            for i11 in []:
                                                for i12 in []:
                                                    for i13 in []:
                                                        for i14 in []:
                                                            for i15 in []:
                                                                for i16 in []:
                                                                    for i17 in []:
                                                                        for i18 in []:
                                                                            for i19 in []:
                                                                                for i20 in []:
                                                                                    pass
