// SPDX-License-Identifier: MIT
// SPDX-FileCopyrightText: 2026 Atrium contributors
#include "inference/generation_types.h"

#include "common/app_error.h"

void registerGenerationMetaTypes()
{
    qRegisterMetaType<ModelLoadRequest>();
    qRegisterMetaType<ModelLoadInfo>();
    qRegisterMetaType<GenerationRequest>();
    qRegisterMetaType<GenerationProgress>();
    qRegisterMetaType<GenerationStats>();
    qRegisterMetaType<AppError>();
}
